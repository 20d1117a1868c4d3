import { CopydeskError } from '@copydesk/contracts'
import { describe, expect, it } from 'vitest'
import { OffsetTurns } from './offset-turns.ts'

const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

describe('OffsetTurns', () => {
  it('runs the steps of a partition in offset order when earlier records finish their work last', async () => {
    const turns = new OffsetTurns()
    const order: string[] = []
    const record = async (offset: string, workMs: number) => {
      const turn = turns.take('t', 0, offset)
      await tick(workMs)
      await turn.run(async () => {
        order.push(offset)
      })
    }
    // Another partition's turns are independent of these.
    const other = turns.take('t', 1, '0').run(async () => {
      order.push('p1')
    })
    await Promise.all([record('10', 30), record('11', 1), record('12', 10), other])
    expect(order).toEqual(['p1', '10', '11', '12'])
  })

  it('fails the turns after a retryable failure until the failed offset is taken again', async () => {
    const turns = new OffsetTurns()
    const added: string[] = []
    const add = (offset: string) => async () => {
      added.push(offset)
    }
    const first = turns.take('t', 0, '5')
    const second = turns.take('t', 0, '6')
    first.skip(new CopydeskError('ERR_S3', 'S3 put failed: 503'))
    await expect(second.run(add('6'))).rejects.toMatchObject({
      code: 'ERR_S3',
      retryable: true,
      message: expect.stringContaining('waits for offset 5'),
    })
    // The retry handles 5 again, then 6: both go in, in order.
    const retried = turns.take('t', 0, '5')
    const next = turns.take('t', 0, '6')
    await Promise.all([next.run(add('6')), retried.run(add('5'))])
    expect(added).toEqual(['5', '6'])
  })

  it('lets later turns go on after a record that was dead-lettered (a non-retryable failure)', async () => {
    const turns = new OffsetTurns()
    const added: string[] = []
    const bad = turns.take('t', 0, '1')
    const good = turns.take('t', 0, '2')
    bad.skip(new CopydeskError('ERR_SCHEMA', 'invalid'))
    await good.run(async () => {
      added.push('2')
    })
    expect(added).toEqual(['2'])
  })

  it('marks the partition failed when a step itself fails retryably', async () => {
    const turns = new OffsetTurns()
    const a = turns.take('t', 0, '1')
    const b = turns.take('t', 0, '2')
    await expect(
      a.run(async () => {
        throw new CopydeskError('ERR_S3', 'batch file put failed')
      }),
    ).rejects.toMatchObject({ code: 'ERR_S3' })
    await expect(b.run(async () => 'never')).rejects.toMatchObject({ retryable: true })
  })

  it('sequence: does the work concurrently and the steps in order, and a failed work gives its turn up', async () => {
    const turns = new OffsetTurns()
    const steps: string[] = []
    const step = async (r: string) => {
      steps.push(r)
    }
    const results = await Promise.allSettled([
      turns.sequence(
        't',
        0,
        '1',
        async () => {
          await tick(20)
          return 'r1'
        },
        step,
      ),
      turns.sequence(
        't',
        0,
        '2',
        async () => {
          throw new CopydeskError('ERR_SCHEMA', 'bad record')
        },
        step,
      ),
      turns.sequence('t', 0, '3', async () => 'r3', step),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(steps).toEqual(['r1', 'r3'])
  })
})
