import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { LiveApi } from '../serve/live-api.js';
import { NodeStatus, type NodeState } from './node-status.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(LiveApi) private readonly live: LiveApi,
    @Inject(NodeStatus) private readonly status: NodeStatus,
  ) {}

  /** 200 when the node is ready to serve, 503 otherwise (`starting`, `stale`, `draining`). */
  @Get()
  health(@Res({ passthrough: true }) response: Response): { status: NodeState; metadataVersion: number } {
    const status = this.status.state;
    if (status !== 'ok') response.status(503);
    return { status, metadataVersion: this.live.version };
  }
}
