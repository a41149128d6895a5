// Registers every Portico element, and exposes the same API as the package's main module.
import './login/define.ts';
import './session/define.ts';
import './activities/define.ts';
import './invoice/define.ts';
import './invoices/define.ts';
import './payments/define.ts';
import './pay/define.ts';
import './messages/define.ts';
import './files/define.ts';
import './home/define.ts';
import './profile/define.ts';
import './app/define.ts';

export * from './index.ts';
