// The dead-letter tool: list, show and replay the dead letters of every path (README, "Dead letters").
import { runDlq } from './dlq-cli';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:29092').split(',').map((broker) => broker.trim());
try {
  process.exitCode = await runDlq(process.argv.slice(2), { brokers, out: (line) => console.log(line), err: (line) => console.error(line) });
} catch (error) {
  console.error(`dlq: ${(error as Error).message}`);
  process.exitCode = 1;
}
