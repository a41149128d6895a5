// Registers every element of the firm's console: `<portal-console>`, its sign-in and each screen.
// Also exposes the console's client and main types, for pages that make their own client.
import './shell/define.ts';
import './staff-login/define.ts';
import './account/define.ts';
import './inbox/define.ts';
import './clients/define.ts';
import './invoices/define.ts';
import './payments/define.ts';
import './files/define.ts';
import './tasks/define.ts';
import './settings/define.ts';

export * from './index.ts';
