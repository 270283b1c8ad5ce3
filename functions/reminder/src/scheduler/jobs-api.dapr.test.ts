import { useStandaloneDaprd } from '#shared/testing/dapr/standalone-daprd';
import { jobsApiContract } from '../../test/scheduler/jobs-api.contract';

const daprd = useStandaloneDaprd({ appId: 'reminder', pubsub: false });

jobsApiContract('a real daprd and Jobs scheduler', () => ({ url: daprd.sidecar().url, headers: daprd.sidecar().headers() }));
