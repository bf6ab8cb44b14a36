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
