// Mocha's BDD functions, which @web/test-runner installs as globals before a test file loads;
// imported from here so that their types stay out of the rest of the project.
type Body = (this: unknown) => void | Promise<unknown>;

interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: Body): void;
  before(body: Body): void;
  after(body: Body): void;
  beforeEach(body: Body): void;
  afterEach(body: Body): void;
}

const mocha = globalThis as unknown as MochaGlobals;

export const describe = mocha.describe;
export const it = mocha.it;
export const before = mocha.before;
export const after = mocha.after;
export const beforeEach = mocha.beforeEach;
export const afterEach = mocha.afterEach;
