export * from './exit-codes.ts'
export * from './jsonl.ts'
export * from './program.ts'
export * from './read-pages.ts'
