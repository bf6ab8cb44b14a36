import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ReviewService } from '../review/ReviewService';
import type { StewardshipRouter } from './createRouter';
import { queryDate } from './queryDate';

/** `GET review?scope=&from=&to=`: the planning review of a system, domain or group. */
export function reviewRoutes(
  router: StewardshipRouter,
  options: { httpAuth: HttpAuthService; review: ReviewService },
) {
  const { httpAuth, review } = options;
  router.get('/review', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await review.review(
        {
          scope: req.query.scope,
          from: queryDate(req.query.from, 'from'),
          to: queryDate(req.query.to, 'to'),
        },
        credentials,
      ),
    );
  });
}
