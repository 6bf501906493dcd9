console.log('not implemented yet');
process.exitCode = 2;
