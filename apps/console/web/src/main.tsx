import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api';
import { Layout } from './layout';
import { Home } from './screens/home';
import { NotFound } from './screens/not-found';
import './styles.css';

const client = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network failure might.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400) && failures < 2,
      refetchOnWindowFocus: true,
    },
  },
});

/** Each screen is its own chunk, loaded when first visited. */
const router = createBrowserRouter([
  {
    path: '/sign-in',
    lazy: async () => ({ Component: (await import('./screens/sign-in')).SignIn }),
  },
  {
    path: '/',
    Component: Layout,
    children: [
      { index: true, Component: Home },
      {
        path: 'queue',
        lazy: async () => ({ Component: (await import('./screens/queue')).Queue }),
      },
      {
        path: 'referrals',
        lazy: async () => ({ Component: (await import('./screens/referrals')).Referrals }),
      },
      {
        path: 'referrals/new',
        lazy: async () => ({ Component: (await import('./screens/new-referral')).NewReferral }),
      },
      {
        path: 'referrals/:id',
        lazy: async () => ({ Component: (await import('./screens/referral')).ReferralScreen }),
      },
      { path: '*', Component: NotFound },
    ],
  },
]);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
