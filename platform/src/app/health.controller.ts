import { Controller, Get, Inject } from '@nestjs/common';
import { LiveApi } from '../serve/live-api.js';

@Controller('health')
export class HealthController {
  constructor(@Inject(LiveApi) private readonly live: LiveApi) {}

  @Get()
  health(): { status: string; metadataVersion: number } {
    return { status: 'ok', metadataVersion: this.live.version };
  }
}
