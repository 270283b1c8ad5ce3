import { useStandaloneDaprd } from '../testing/dapr/standalone-daprd';
import { rateLimiterContract } from './rate-limiter.contract';

// app-id chat: the state store is scoped to the functions, and chat is the one that limits.
const daprd = useStandaloneDaprd({ appId: 'chat', pubsub: false });

rateLimiterContract("a real daprd (state.postgresql v2 on the run's Postgres, the project Resiliency)", daprd.sidecar);
