import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api';
import { RoleArea } from './components/role-area';
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
      {
        Component: () => <RoleArea roles={['partner']} />,
        children: [
          {
            path: 'referrals/:id/feedback-card',
            lazy: async () => ({
              Component: (await import('./screens/feedback-card')).FeedbackCard,
            }),
          },
          {
            path: 'activities',
            lazy: async () => ({ Component: (await import('./screens/activities')).Activities }),
          },
        ],
      },
      {
        Component: () => <RoleArea roles={['admin']} />,
        children: [
          {
            path: 'dashboard',
            lazy: async () => ({ Component: (await import('./screens/dashboard')).Dashboard }),
          },
          {
            path: 'map',
            lazy: async () => ({ Component: (await import('./screens/map')).ProgrammeMap }),
          },
          {
            path: 'stuck',
            lazy: async () => ({ Component: (await import('./screens/stuck')).StuckReferrals }),
          },
          {
            path: 'organisations',
            lazy: async () => ({
              Component: (await import('./screens/organisations')).Organisations,
            }),
          },
          {
            path: 'organisations/new',
            lazy: async () => ({
              Component: (await import('./screens/organisation-form')).NewOrganisation,
            }),
          },
          {
            path: 'organisations/:id',
            lazy: async () => ({
              Component: (await import('./screens/organisation-form')).EditOrganisation,
            }),
          },
          {
            path: 'directory',
            lazy: async () => ({
              Component: (await import('./screens/directory-exchange')).DirectoryExchange,
            }),
          },
          {
            path: 'initiatives',
            lazy: async () => ({ Component: (await import('./screens/initiatives')).Initiatives }),
          },
          {
            path: 'initiatives/:id',
            lazy: async () => ({
              Component: (await import('./screens/initiative')).InitiativeScreen,
            }),
          },
          {
            path: 'agreements',
            lazy: async () => ({ Component: (await import('./screens/agreements')).Agreements }),
          },
          {
            path: 'agreements/new',
            lazy: async () => ({
              Component: (await import('./screens/new-agreement')).NewAgreement,
            }),
          },
          {
            path: 'agreements/:id',
            lazy: async () => ({
              Component: (await import('./screens/agreement')).AgreementScreen,
            }),
          },
          {
            path: 'funding',
            lazy: async () => ({ Component: (await import('./screens/funding')).Funding }),
          },
          {
            path: 'budgets/:id',
            lazy: async () => ({ Component: (await import('./screens/budget')).BudgetScreen }),
          },
          {
            path: 'subscriptions',
            lazy: async () => ({
              Component: (await import('./screens/subscriptions')).Subscriptions,
            }),
          },
        ],
      },
      {
        Component: () => <RoleArea roles={['admin', 'auditor']} />,
        children: [
          {
            path: 'audit',
            lazy: async () => ({ Component: (await import('./screens/audit')).AuditTrail }),
          },
          {
            path: 'reports',
            lazy: async () => ({
              Component: (await import('./screens/grant-report')).GrantReports,
            }),
          },
          {
            path: 'review',
            lazy: async () => ({
              Component: (await import('./screens/partnership-review')).PartnershipReview,
            }),
          },
          {
            path: 'forecast',
            lazy: async () => ({
              Component: (await import('./screens/forecast')).DemandForecast,
            }),
          },
        ],
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
