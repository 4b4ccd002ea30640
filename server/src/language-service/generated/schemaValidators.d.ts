// Types of the validators generated at build time by scripts/schemaValidators.mjs (the .js is not committed).
import type { ValidateFunction } from 'ajv';

export declare const programme: ValidateFunction;
export declare const consultation: ValidateFunction;
/** What the code was generated from (ajvSetup.json and both schemas): schema.ts compiles instead when it differs. */
export declare const key: string;
