/*
 * The Sloth `prometheus/v1` spec (https://sloth.dev, `version: "prometheus/v1"`), also accepted
 * inside the `sloth.slok.dev/v1` `PrometheusServiceLevel` custom resource's `spec`.
 */
import { z } from 'zod/v4';

const labels = z
  .record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean()]).transform(String),
  )
  .optional();

const alert = z
  .object({ disable: z.boolean().optional(), labels, annotations: labels })
  .optional();

export const slothServiceLevel = z.object({
  service: z.string().min(1).optional(),
  labels,
  slos: z
    .array(
      z.object({
        name: z.string(),
        /** In percent: 99.9. */
        objective: z.number(),
        description: z.string().optional(),
        labels,
        sli: z.object({
          events: z
            .object({ errorQuery: z.string(), totalQuery: z.string() })
            .optional(),
          raw: z.unknown().optional(),
          plugin: z.unknown().optional(),
        }),
        alerting: z
          .object({
            name: z.string().optional(),
            labels,
            annotations: labels,
            pageAlert: alert,
            ticketAlert: alert,
          })
          .optional(),
      }),
    )
    .min(1),
});

export type SlothServiceLevel = z.output<typeof slothServiceLevel>;
