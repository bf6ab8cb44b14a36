/**
 * An OpenSLO SLO for shipping-service over the demo's invoice-service traffic, as a user would paste
 * it into the import dialog: 99 % of requests succeed over a rolling 7 days. Its metrics name no
 * `metricSourceRef`, so it reads the source the import chooses (the demo has one).
 */
export function shippingLabelsSloYaml(name: string): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: Shipping labels are printed
spec:
  description: 99 % of label requests succeed over 7 days.
  service: shipping-service
  indicator:
    metadata:
      name: shipping-labels
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="invoice-service",code="200"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="invoice-service"}
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;
}

/**
 * An SLO for order-service (which has no demo SLO) over the demo's checkout-service traffic, as
 * `POST /slos` takes it: at 0.99 the demo's 3 % failing requests since its bad deploy leave it
 * healthy, at 0.999 they burn its budget (at-risk or exhausted).
 */
export function orderServiceSloSpec(name: string, objective: number) {
  return {
    entityRef: 'component:default/order-service',
    name,
    sli: {
      type: 'ratio',
      good: 'http_requests_total{service="checkout-service",code!~"5.."}',
      total: 'http_requests_total{service="checkout-service"}',
    },
    objective,
    timeWindow: { type: 'rolling', duration: '30d' },
    metricSource: 'demo-prometheus',
  };
}
