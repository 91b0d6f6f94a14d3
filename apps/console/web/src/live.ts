import { useEffect } from 'react';
import { QueryClient, useQueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from './session';

/** When a notice arrived and when the screen showed the re-read referral, for measurement. */
export interface LiveTiming {
  referralId: string;
  occurredAt: string;
  receivedAt: number;
}

declare global {
  interface Window {
    /** The last notices received, newest last (read by the latency benchmark). */
    __concordLive?: LiveTiming[];
  }
}

/** Every query that shows a referral's state; refetched when the push says it changed. */
function invalidateReferral(client: QueryClient, referralId: string): void {
  void client.invalidateQueries({ queryKey: ['referral', referralId] });
  void client.invalidateQueries({ queryKey: ['referrals'] });
  void client.invalidateQueries({ queryKey: ['counts'] });
  // The administrator's figures move with every referral (insights reads the same events).
  for (const figures of ['kpis', 'stuck', 'budgets', 'decisions']) {
    // Only what is on screen, and a read under way is not restarted: a busy programme pushes
    // changes faster than the figures come back.
    void client.invalidateQueries(
      { queryKey: [figures], refetchType: 'active' },
      { cancelRefetch: false },
    );
  }
}

/**
 * Listens to the console's Server-Sent Events while signed in: "this referral changed" makes the
 * screens that show it re-read it over the API. EventSource reconnects by itself and sends
 * Last-Event-ID, so a dropped connection misses nothing; `reset` means too much was missed and
 * everything is re-read.
 */
export function useLiveUpdates(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/events');
    source.addEventListener('referral-changed', (event) => {
      const { referralId, occurredAt } = JSON.parse((event as MessageEvent<string>).data) as {
        referralId: string;
        occurredAt: string;
      };
      const timings = (window.__concordLive ??= []);
      timings.push({ referralId, occurredAt, receivedAt: Date.now() });
      if (timings.length > 1000) timings.splice(0, timings.length - 1000);
      invalidateReferral(client, referralId);
    });
    source.addEventListener('reset', () => void client.invalidateQueries());
    source.addEventListener('session-ended', () => {
      source.close();
      void client.invalidateQueries({ queryKey: SESSION_KEY });
    });
    return () => source.close();
  }, [enabled, client]);
}
