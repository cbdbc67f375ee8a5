/**
 * A timer of the test's own, aimed at the latest moment a claim allows something to happen (a
 * countdown's flip "within a round trip + 50 ms of T0"), in the same page as the code under test.
 *
 * On a busy machine the page's timers all run late by however long the page waited for a core, and
 * that lateness is not the widget's error: a flip measured on the real clock mixes the two (216 ms
 * against an 85 ms bound, four test pages and other work on two cores). Chromium runs due timers
 * in the order of their due times, so a widget whose own timer was due by `at` has run by the time
 * this one runs, however late both are: `late` is the slack the page's event loop took, and what
 * came after `ranAt` came after a moment the claim did not allow. A widget aimed past `at` (a wrong
 * clock offset) runs after this timer, loaded machine or not.
 *
 * `clock` reads the real time (epoch ms): tests that stub `Date.now` pass the one captured before.
 */
export function referenceTimer(at: number, clock: () => number = Date.now): Promise<{ ranAt: number; late: number }> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const ranAt = clock();
      resolve({ ranAt, late: Math.max(0, ranAt - at) });
    }, at - clock());
  });
}
