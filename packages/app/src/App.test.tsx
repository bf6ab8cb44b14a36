import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page, and settles before the test ends', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(<App />);

    // Without demo users configured, the stock guest sign-in page: it first tries to sign the
    // guest in silently (there is no backend here, so that fails) and then offers the button.
    // Waiting for it keeps that attempt inside the test: left running, it rendered on after
    // the test environment was torn down and kept the Jest worker from exiting.
    expect(
      await rendered.findByRole(
        'button',
        { name: 'Enter' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    rendered.unmount();
  });
});
