export * from './data';
export * from './strings';
