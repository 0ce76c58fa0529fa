// Redis key layout. A topic is N partition streams; group state sits beside them.
//   <prefix>:<topic>:<p>                  stream of partition p (entry fields k = key, v = value)
//   <prefix>:<topic>:meta                 hash: partitions (fixed when the topic is first used)
//   <prefix>:<topic>:g:<group>:members    sorted set: live consumers, score = last heartbeat (ms)
//   <prefix>:<topic>:g:<group>:lease:<p>  string: the consumer that owns partition p

export const topicKeys = (prefix: string, topic: string) => ({
  stream: (partition: number) => `${prefix}:${topic}:${partition}`,
  meta: `${prefix}:${topic}:meta`,
  members: (group: string) => `${prefix}:${topic}:g:${group}:members`,
  lease: (group: string, partition: number) => `${prefix}:${topic}:g:${group}:lease:${partition}`,
});

export type TopicKeys = ReturnType<typeof topicKeys>;
