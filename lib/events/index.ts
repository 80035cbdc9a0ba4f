export * from './names';
export * from './schemas';
export * from './envelope';
export * from './sse-frame';
