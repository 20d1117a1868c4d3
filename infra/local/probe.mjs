// Readiness probes for the local stack: an admin call that must succeed, not an open port.
//   node probe.mjs kafka <brokers>                 describe the cluster and list topics
//   node probe.mjs s3 <endpoint> <key> <secret>    list buckets with SigV4
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { Kafka, logLevel } from 'kafkajs'

const [kind, ...args] = process.argv.slice(2)

async function probeKafka(brokers) {
  const kafka = new Kafka({
    clientId: 'copydesk-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2000,
  })
  const admin = kafka.admin()
  await admin.connect()
  try {
    const cluster = await admin.describeCluster()
    if (cluster.brokers.length === 0) throw new Error('no brokers in cluster metadata')
    await admin.listTopics()
  } finally {
    await admin.disconnect()
  }
}

async function probeS3(endpoint, accessKeyId, secretAccessKey) {
  const s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  })
  try {
    await s3.send(new ListBucketsCommand({}))
  } finally {
    s3.destroy()
  }
}

try {
  if (kind === 'kafka') await probeKafka(args[0])
  else if (kind === 's3') await probeS3(args[0], args[1], args[2])
  else throw new Error(`unknown probe ${kind}`)
  process.exit(0)
} catch (err) {
  console.error(`${kind} not ready: ${err?.message ?? err}`)
  process.exit(1)
}
