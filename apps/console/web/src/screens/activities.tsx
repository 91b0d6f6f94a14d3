import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import { ActivityList } from '../components/activity-list';
import { Loaded } from '../components/data-table';
import { namer, useInitiatives } from '../directory';
import { Activity } from '../partnership-types';
import { useSession } from '../session';

/**
 * A partner's joint trainings and community events: those its organisation takes part in (the
 * agreements service shows it no other), by initiative, with "Confirm we'll be there".
 */
export function Activities() {
  const session = useSession();
  const organizationId = session.data?.signedIn ? session.data.organizationId : null;
  const activities = useQuery({
    queryKey: ['activities', 'own'],
    queryFn: () => get<Activity[]>('/api/agreements/activities'),
  });
  const initiatives = useInitiatives();
  const initiativeOf = namer(initiatives.data);
  return (
    <section>
      <h1>Joint activities</h1>
      <p className="hint">
        Trainings and community events of the initiatives your organisation is part of. Confirm the
        ones you will come to; the programme administrator records attendance afterwards.
      </p>
      <Loaded query={activities} what="your activities">
        {(rows) => {
          const byInitiative = [...new Set(rows.map((row) => row.initiativeId))];
          if (byInitiative.length === 0) {
            return (
              <ActivityList
                activities={[]}
                role="partner"
                empty="Your organisation takes part in no activity yet."
              />
            );
          }
          return byInitiative.map((initiativeId) => (
            <section key={initiativeId} aria-label={initiativeOf(initiativeId)}>
              <h2>{initiativeOf(initiativeId)}</h2>
              <ActivityList
                activities={rows.filter((row) => row.initiativeId === initiativeId)}
                role="partner"
                organizationId={organizationId}
                empty="No activity."
              />
            </section>
          ));
        }}
      </Loaded>
    </section>
  );
}
