/*
 * The Sloth specs (https://sloth.dev): the `prometheus/v1` file (`version: "prometheus/v1"`),
 * whose fields are snake_case (`error_query`, `page_alert`, as in Sloth's
 * pkg/prometheus/api/v1), and the `sloth.slok.dev/v1` `PrometheusServiceLevel` custom resource,
 * whose `spec` holds the same fields in camelCase (`errorQuery`, `pageAlert`, as in
 * pkg/kubernetes/api/sloth/v1). Both are read into one camelCase shape.
 *
 * Objects are strict: a field Sloth does not define (a typo such as `descripton`, or the other
 * spelling's `errorQuery` in a `prometheus/v1` file) is a problem naming it, never dropped. The
 * fields Sloth defines that mean nothing to Stewardship are accepted and not imported (see
 * slothToSpec and the README): `alerting.name`, `alerting.labels`, `alerting.annotations`, an
 * alert's `labels` and `annotations`, `infoLabels` and `interval`.
 */
import { z } from 'zod/v4';

/** Which Sloth spelling a document uses. */
export type SlothStyle = 'prometheus/v1' | 'kubernetes';

const SNAKE = {
  errorQuery: 'error_query',
  totalQuery: 'total_query',
  errorRatioQuery: 'error_ratio_query',
  pageAlert: 'page_alert',
  ticketAlert: 'ticket_alert',
} as const;

type Renamed = keyof typeof SNAKE;

function key(style: SlothStyle, name: Renamed): string {
  return style === 'prometheus/v1' ? SNAKE[name] : name;
}

// Sloth's maps are map[string]string; a YAML number or boolean there is read as its text.
const labels = z
  .record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean()]).transform(String),
  )
  .nullish();

export interface SlothAlert {
  disable?: boolean;
}

export interface SlothSlo {
  name: string;
  /** In percent: 99.9. */
  objective: number;
  description?: string;
  labels?: Record<string, string> | null;
  sli: {
    events?: { errorQuery: string; totalQuery: string };
    raw?: unknown;
    plugin?: unknown;
  };
  alerting?: { pageAlert?: SlothAlert; ticketAlert?: SlothAlert };
}

export interface SlothServiceLevel {
  service?: string;
  labels?: Record<string, string> | null;
  slos: SlothSlo[];
}

function alert(style: SlothStyle, name: 'pageAlert' | 'ticketAlert') {
  return {
    [key(style, name)]: z
      .strictObject({
        disable: z.boolean().nullish(),
        labels,
        annotations: labels,
      })
      .nullish(),
  };
}

function schemaFor(style: SlothStyle): z.ZodType<SlothServiceLevel> {
  const events = z
    .strictObject({
      [key(style, 'errorQuery')]: z.string(),
      [key(style, 'totalQuery')]: z.string(),
    })
    .transform(e => ({
      errorQuery: e[key(style, 'errorQuery')] as string,
      totalQuery: e[key(style, 'totalQuery')] as string,
    }));
  const alerting = z
    .strictObject({
      // Prometheus alert naming and routing: accepted, not imported.
      name: z.string().nullish(),
      labels,
      annotations: labels,
      ...alert(style, 'pageAlert'),
      ...alert(style, 'ticketAlert'),
    })
    .nullish()
    .transform(a => {
      if (!a) return undefined;
      const pick = (name: 'pageAlert' | 'ticketAlert') => {
        const value = (a as Record<string, unknown>)[key(style, name)] as
          | { disable?: boolean | null }
          | null
          | undefined;
        return value ? { disable: value.disable ?? undefined } : undefined;
      };
      return { pageAlert: pick('pageAlert'), ticketAlert: pick('ticketAlert') };
    });
  const slo = z
    .strictObject({
      name: z.string(),
      objective: z.number(),
      description: z.string().nullish(),
      labels,
      // Labels of Sloth's sloth_slo_info metric and Prometheus rule group intervals: accepted,
      // not imported (prometheus/v1 only).
      ...(style === 'prometheus/v1'
        ? { infoLabels: labels, interval: z.unknown().optional() }
        : {}),
      sli: z.strictObject({
        events: events.optional(),
        // Refused in slothToSpec with a message of their own.
        raw: z.unknown().optional(),
        plugin: z.unknown().optional(),
      }),
      alerting,
    })
    .transform(s => ({
      name: s.name,
      objective: s.objective,
      description: s.description ?? undefined,
      labels: s.labels,
      sli: s.sli,
      alerting: s.alerting,
    }));
  return z
    .strictObject({
      ...(style === 'prometheus/v1' ? { version: z.string() } : {}),
      service: z.string().min(1).optional(),
      labels,
      slos: z.array(slo).min(1),
    })
    .transform(({ service, labels: l, slos }) => ({
      service,
      labels: l,
      slos,
    }));
}

/** The `prometheus/v1` file (snake_case) and the custom resource's `spec` (camelCase). */
export const slothServiceLevel: Record<
  SlothStyle,
  z.ZodType<SlothServiceLevel>
> = {
  'prometheus/v1': schemaFor('prometheus/v1'),
  kubernetes: schemaFor('kubernetes'),
};

/** The problem of a field Sloth does not define, with the other spelling's hint when it is one. */
export function unknownSlothField(style: SlothStyle, field: string): string {
  const file = style === 'prometheus/v1';
  const known = Object.entries(SNAKE).find(([camel, snake]) =>
    file ? camel === field : snake === field,
  );
  let hint = '';
  if (known && file) {
    hint = `; a prometheus/v1 file writes it ${known[1]} (camelCase is the PrometheusServiceLevel resource's spelling)`;
  } else if (known) {
    hint = `; a PrometheusServiceLevel resource writes it ${known[0]} (snake_case is the prometheus/v1 file's spelling)`;
  }
  return `Unknown field "${field}": Sloth ${
    file ? 'prometheus/v1' : 'PrometheusServiceLevel'
  } has no such field${hint}`;
}
