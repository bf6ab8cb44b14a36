import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { StewardshipClient, stewardshipApiRef } from '../api';

/** The Stewardship API client, the same factory the legacy plugin registers. */
export const stewardshipApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: stewardshipApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new StewardshipClient({ discoveryApi, fetchApi }),
    }),
});
