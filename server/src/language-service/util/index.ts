export * from './data';
export * from './strings';
export * from './controlChars';
export * from './markdown';
