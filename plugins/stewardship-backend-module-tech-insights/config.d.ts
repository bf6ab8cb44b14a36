export interface Config {
  techInsights?: {
    /** Settings of the Stewardship fact retriever (stewardship-backend-module-tech-insights). */
    stewardship?: {
      /**
       * How many entities' ownership the retriever reads from Stewardship at a time (one request
       * each). Default 4.
       */
      concurrency?: number;
    };
  };
}
