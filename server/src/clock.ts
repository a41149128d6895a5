/** The service's notion of now. Tests pass their own to move time without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
