/**
 * How a Traefik pod leaves the edge load balancer without dropping a connection, as numbers the
 * cluster stack (target group health checks) and the add-ons stack (Traefik's entry points and
 * pod) share.
 *
 * On SIGTERM Traefik shuts every entry point down at once. The `traefik` entry point (the one that
 * serves /ping) has no accept grace, so it stops listening at once and the load balancer's HTTP
 * health check on it starts failing; the traffic entry points keep accepting for
 * `requestAcceptGraceTimeout` (long enough for the load balancer to mark the target unhealthy and
 * stop sending new connections), then finish in-flight requests within `graceTimeOut`. The pod's
 * termination grace period covers both, so Kubernetes never kills Traefik mid-request.
 */

/** Health check of every edge target group: HTTP on Traefik's ping endpoint. */
export const EDGE_HEALTH_CHECK = {
  path: "/ping",
  /** Traefik answers 200 while serving (503 while terminating, if it still listens). */
  matcher: "200",
  intervalSeconds: 10,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
} as const;

/** Host port of Traefik's `traefik` entry point (/ping) on edge nodes, unless the environment sets one. */
export const DEFAULT_EDGE_HEALTH_CHECK_PORT = 8080;

/** Seconds allowed for the load balancer to act on a target turning unhealthy. */
const LOAD_BALANCER_REACTION_SECONDS = 15;
/** Traefik's own default graceTimeOut, written out so the termination grace period can cover it. */
const GRACE_TIMEOUT_SECONDS = 10;
/** Slack between the end of Traefik's shutdown and SIGKILL. */
const KILL_MARGIN_SECONDS = 15;

export interface TraefikShutdown {
  /** Keeps accepting after SIGTERM while the load balancer takes the target out. */
  requestAcceptGraceSeconds: number;
  /** Then lets in-flight requests finish. */
  graceTimeOutSeconds: number;
  /** Longer than both together. */
  terminationGracePeriodSeconds: number;
  /** A new pod counts as available only once the load balancer could have found it healthy. */
  minReadySeconds: number;
}

export function traefikShutdown(hc: { intervalSeconds: number; unhealthyThreshold: number; healthyThreshold: number } = EDGE_HEALTH_CHECK): TraefikShutdown {
  // `unhealthyThreshold` failed checks, plus the one already in flight when the pod got SIGTERM.
  const unhealthyAfter = hc.intervalSeconds * (hc.unhealthyThreshold + 1);
  const requestAcceptGraceSeconds = unhealthyAfter + LOAD_BALANCER_REACTION_SECONDS;
  return {
    requestAcceptGraceSeconds,
    graceTimeOutSeconds: GRACE_TIMEOUT_SECONDS,
    terminationGracePeriodSeconds: requestAcceptGraceSeconds + GRACE_TIMEOUT_SECONDS + KILL_MARGIN_SECONDS,
    minReadySeconds: hc.intervalSeconds * (hc.healthyThreshold + 1),
  };
}
