import type { Admin } from 'kafkajs';

export interface TopicSettings {
  readonly partitions: number;
  /** Omitted: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
}

/** Creates each topic once if it is missing (an existing topic keeps its settings); remembers success. */
export function topicEnsurer(admin: Admin, settings: TopicSettings): (topic: string) => Promise<void> {
  const ensured = new Map<string, Promise<void>>();
  return (topic) => {
    let ready = ensured.get(topic);
    if (!ready) {
      ready = admin
        .createTopics({
          waitForLeaders: true,
          topics: [
            {
              topic,
              numPartitions: settings.partitions,
              ...(settings.replicationFactor ? { replicationFactor: settings.replicationFactor } : {}),
            },
          ],
        })
        .then(() => undefined); // false only means it already existed
      ready.catch(() => ensured.delete(topic));
      ensured.set(topic, ready);
    }
    return ready;
  };
}
