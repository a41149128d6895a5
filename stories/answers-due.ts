// The stories' mocks answer after a delay, as a service would. They count the answers still to
// come on the page, so that whoever waits for a story's state (a play function, the Storybook
// check in test/storybook) waits for those answers, not for a guessed length of time.

declare global {
  interface Window {
    /** How many mocked answers are still to come on this page. */
    porticoAnswersDue?: number;
  }
}

/** Calls `answer` after `ms`, counting it as due until then. */
export function answerAfter(ms: number, answer: () => void): void {
  window.porticoAnswersDue = (window.porticoAnswersDue ?? 0) + 1;
  setTimeout(() => {
    window.porticoAnswersDue! -= 1;
    answer();
  }, ms);
}

/** Resolves at the first animation frame when no mocked answer is due. */
export async function answersArrived(): Promise<void> {
  do await new Promise((resolve) => requestAnimationFrame(resolve));
  while (window.porticoAnswersDue);
}
