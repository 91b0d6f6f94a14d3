import { useSyncExternalStore } from 'react';

/** One clock for every countdown on the page: a queue of a thousand offers runs one timer. */
const clock = {
  listeners: new Set<() => void>(),
  timer: undefined as ReturnType<typeof setInterval> | undefined,
  now: Date.now(),
  subscribe(listener: () => void): () => void {
    clock.listeners.add(listener);
    clock.timer ??= setInterval(() => {
      clock.now = Date.now();
      clock.listeners.forEach((notify) => notify());
    }, 1000);
    return () => {
      clock.listeners.delete(listener);
      if (clock.listeners.size === 0) {
        clearInterval(clock.timer);
        clock.timer = undefined;
      }
    };
  },
};

/** mm:ss under an hour, "3 h 12 min" beyond, "overdue" past the deadline. */
export function remaining(ms: number): string {
  if (ms <= 0) return 'overdue';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  }
  const hours = Math.floor(seconds / 3600);
  if (hours < 48) return `${hours} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** The time left to accept an offer, updated every second. */
export function Countdown({ until }: { until: string }) {
  const now = useSyncExternalStore(clock.subscribe, () => clock.now);
  const left = Date.parse(until) - now;
  return (
    <span
      role="timer"
      aria-live="off"
      aria-label={`Time left to accept: ${remaining(left)}`}
      className={left <= 5 * 60_000 ? 'countdown urgent' : 'countdown'}
    >
      {left <= 5 * 60_000 && left > 0 ? '⚠ ' : ''}
      {remaining(left)}
      {left > 0 ? ' left' : ''}
    </span>
  );
}
