import { useQuery } from '@tanstack/react-query';
import { get } from './api';
import { Agreement, Budget, FundingSource, Initiative, Organisation } from './admin-types';

/** The programme's lists every administrator screen names things from, cached per session. */
export const useOrganisations = () =>
  useQuery({
    queryKey: ['organisations'],
    queryFn: () => get<Organisation[]>('/api/agreements/organizations'),
  });

export const useInitiatives = () =>
  useQuery({
    queryKey: ['initiatives'],
    queryFn: () => get<Initiative[]>('/api/agreements/initiatives'),
  });

export const useAgreements = () =>
  useQuery({
    queryKey: ['agreements'],
    queryFn: () => get<Agreement[]>('/api/agreements/agreements'),
  });

export const useBudgets = (initiativeId?: string) =>
  useQuery({
    queryKey: ['budgets', initiativeId ?? 'all'],
    queryFn: () =>
      get<Budget[]>(
        `/api/funding/budgets${initiativeId ? `?initiativeId=${encodeURIComponent(initiativeId)}` : ''}`,
      ),
  });

export const useFundingSources = () =>
  useQuery({
    queryKey: ['funding-sources'],
    queryFn: () => get<FundingSource[]>('/api/funding/funding-sources'),
  });

/** A name for an id, from a loaded list; the id's first characters while it loads or if unknown. */
export function namer(items: readonly { id: string; name: string }[] | undefined) {
  const names = new Map(items?.map((item) => [item.id, item.name]));
  return (id: string | null | undefined): string =>
    id ? (names.get(id) ?? `${id.slice(0, 8)}…`) : '—';
}

/** Integer cents as the programme's currency. */
export const money = (cents: number | null | undefined): string =>
  cents === null || cents === undefined
    ? '—'
    : (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });

export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10} %`;

/** Seconds as a person reads them: "42 s", "12 min", "3.5 h". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}
