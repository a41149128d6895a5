// Registers every Portico element, and exposes the same API as the package's main module.
import './login/define.ts';
import './session/define.ts';

export * from './index.ts';
