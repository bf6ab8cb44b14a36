export interface Config {
  auth?: {
    providers?: {
      /**
       * DEMO ONLY: the demo sign-in provider (packages/backend/src/demoSignIn.ts), which signs
       * anyone in as one of these catalog users without a password, in development only. The
       * app's sign-in page offers them next to the guest. Set in app-config.demo.yaml.
       */
      demo?: {
        /**
         * The users one may sign in as.
         * @visibility frontend
         */
        users?: Array<{
          /**
           * The user's entity ref, e.g. `user:default/noah.davis`.
           * @visibility frontend
           */
          userEntityRef: string;
          /**
           * Who they are and what they may do, shown on the sign-in page.
           * @visibility frontend
           */
          description?: string;
        }>;
      };
    };
  };
}
