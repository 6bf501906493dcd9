// Placeholder until the demo lands: proves the workspace builds and runs end to end.
console.log('mcp-sse demo: the narrated flow arrives with the demo issue.');
