import { stopTestBroker } from './test-broker';

/** After the last test: the suite's broker and its storage go. */
export default function globalTeardown(): void {
  stopTestBroker();
}
