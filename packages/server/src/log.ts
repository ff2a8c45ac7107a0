/** Something to tell the operator. Never given secrets or personal data. */
export type Logger = (level: 'info' | 'warn' | 'error', message: string) => void;
