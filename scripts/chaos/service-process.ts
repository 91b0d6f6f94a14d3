import { ServiceName } from '@concord/testing';

export { SERVICES } from '@concord/testing';
export type Service = ServiceName;
