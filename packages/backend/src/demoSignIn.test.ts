import { ConfigReader } from '@backstage/config';
import { demoAuthenticator, DEMO_USER_HEADER } from './demoSignIn';

const context = demoAuthenticator.initialize({
  config: new ConfigReader({
    users: [
      { userEntityRef: 'user:default/noah.davis' },
      { userEntityRef: 'sophia.rodriguez', description: 'the admin' },
    ],
  }),
});

type Request = Parameters<typeof demoAuthenticator.authenticate>[0]['req'];

/** A request naming `user` in the demo header, as the app's sign-in page sends it. */
const asking = (user?: string) =>
  ({
    header: (name: string) =>
      name.toLocaleLowerCase('en-US') === DEMO_USER_HEADER ? user : undefined,
  } as unknown as Request);

describe('the demo sign-in provider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  describe('in development', () => {
    beforeEach(() => {
      process.env.NODE_ENV = 'development';
    });

    it('signs in a listed user, however the ref is spelled', async () => {
      await expect(
        demoAuthenticator.authenticate(
          { req: asking('User:default/Noah.Davis') },
          context,
        ),
      ).resolves.toEqual({
        result: { userEntityRef: 'user:default/noah.davis' },
      });
      // The config may leave out the kind and namespace, as the catalog allows.
      await expect(
        demoAuthenticator.authenticate(
          { req: asking('user:default/sophia.rodriguez') },
          context,
        ),
      ).resolves.toEqual({
        result: { userEntityRef: 'user:default/sophia.rodriguez' },
      });
    });

    it('refuses a user who is not listed (403)', async () => {
      await expect(
        demoAuthenticator.authenticate(
          { req: asking('user:default/ethan.clark') },
          context,
        ),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'user:default/ethan.clark is not a demo user (auth.providers.demo.users)',
      });
    });

    it('asks for the header when it is missing (400)', async () => {
      await expect(
        demoAuthenticator.authenticate({ req: asking() }, context),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('refuses everyone when no users are configured', async () => {
      const none = demoAuthenticator.initialize({
        config: new ConfigReader({}),
      });
      await expect(
        demoAuthenticator.authenticate(
          { req: asking('user:default/noah.davis') },
          none,
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    });
  });

  it('refuses to sign anyone in outside development', async () => {
    process.env.NODE_ENV = 'production';
    await expect(
      demoAuthenticator.authenticate(
        { req: asking('user:default/noah.davis') },
        context,
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'The demo sign-in provider only works in development (NODE_ENV=development)',
    });
  });
});
