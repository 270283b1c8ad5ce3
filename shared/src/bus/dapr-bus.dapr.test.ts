import { kafkaBrokers } from '../testing/dapr/dapr-test-setup';
import { useStandaloneDaprd } from '../testing/dapr/standalone-daprd';
import { readTopic } from '../testing/kafka-test-kit';
import { daprPublishContract } from './dapr-publish.contract';

const daprd = useStandaloneDaprd({ appId: 'task', pubsub: true });

daprPublishContract("a real daprd (the cluster's pubsub.kafka component, sampling 0 as on kind)", {
  sidecar: daprd.sidecar,
  recordOf: async (topic, eventId) => {
    const [record] = await readTopic([kafkaBrokers()], topic, (candidate) => candidate.value?.includes(eventId) === true, (records) => records.length > 0, 30_000);
    return { key: record!.key, value: record!.value!, headers: record!.headers };
  },
});
