import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, AuthOptions, Caller, CurrentCaller, Public, Roles } from '../src';

/** Routes for each kind of protection the auth library offers; each answers with its caller. */
@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Roles('dispatcher', 'partner', 'admin', 'auditor')
  @Get('me')
  me(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }

  /** Declares neither @Roles nor @Public: the guard must refuse it to every role. */
  @Get('undeclared')
  undeclared(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }

  @Roles('dispatcher')
  @Get('dispatch')
  dispatch(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }
}

@Roles('admin')
@Controller('admin')
class AdminController {
  @Get()
  overview(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }

  @Roles('auditor')
  @Get('audit')
  audit(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }
}

/** A real Nest HTTP app with AuthModule, for supertest. Close it after the tests. */
export async function startAuthTestApp(options: AuthOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(options)],
    controllers: [ProbeController, AdminController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}
