/** The model used when neither `--model` nor `ANTHROPIC_MODEL` names one. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';
