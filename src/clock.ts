// The one place that reads the wall clock. Domain code takes `now` as an argument; tests use a fixed clock.
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { set(t: Date | string): void; advance(ms: number): void } {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set: (v) => {
      t = new Date(v);
    },
    advance: (ms) => {
      t = new Date(t.getTime() + ms);
    },
  };
}
