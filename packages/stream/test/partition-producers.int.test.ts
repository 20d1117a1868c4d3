import { pino } from 'pino'
import { expect, inject, it, onTestFinished } from 'vitest'
import { PartitionNotOwnedError, PartitionProducers } from '../src/partition-producers.ts'
import { createTestTopics, readAll, uniqueId } from './helpers.ts'

const brokers = inject('kafkaBrokers')

it('creates no producer for a partition it lost: a late commit cannot fence the new owner', async () => {
  const id = uniqueId()
  const t = await createTestTopics(brokers, `stream-owned-${id}`, 2)
  const options = {
    groupId: `copydesk.owned-${id}`,
    transactionTimeout: 30_000,
    log: pino({ level: 'silent' }),
  }
  const before = new PartitionProducers(t.kafka, options)
  const after = new PartitionProducers(t.kafka, options)
  onTestFinished(() => Promise.all([before.closeAll(), after.closeAll()]).then(() => {}))

  // An instance owns both partitions and has used partition 0's producer.
  await before.retain({ [t.input]: [0, 1] })
  expect((await before.acquire(t.input, 0)).fresh).toBe(true)
  // A rebalance moves partition 0 to another instance, which fences the old producer.
  await before.retain({ [t.input]: [1] })
  expect(before.owns(t.input, 0)).toBe(false)
  await after.retain({ [t.input]: [0] })
  const { producer } = await after.acquire(t.input, 0)

  // The old owner's commit of a batch it handled before the rebalance now finds no producer and
  // creates none. Creating one would bump the epoch of the new owner's transactional id: the new
  // owner's transaction would fail, and the old owner's outputs and offsets would be committed for
  // records the new owner handles too.
  await expect(before.acquire(t.input, 0)).rejects.toBeInstanceOf(PartitionNotOwnedError)
  const txn = await producer.transaction()
  await txn.send({ topic: t.output, messages: [{ key: 'k', value: 'from the new owner' }] })
  await txn.commit()
  const outputs = await readAll(t.kafka, t.output, 1, { timeoutMs: 10_000, settleMs: 500 })
  expect(outputs.map((o) => o.value)).toEqual(['from the new owner'])
  // The partition it kept still has its producer.
  expect((await before.acquire(t.input, 1)).fresh).toBe(true)
})
