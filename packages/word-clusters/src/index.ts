export { hashWord } from './hash-word.ts'
export { defaultWordClusters, loadWordClusters, WordClusters } from './word-clusters.ts'
