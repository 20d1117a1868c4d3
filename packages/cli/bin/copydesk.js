#!/usr/bin/env node
// The installed `copydesk` command runs the built CLI (pnpm build); from a checkout, use `pnpm copydesk`.
import('../dist/bin.js')
