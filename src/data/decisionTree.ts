/**
 * The one decision tree behind the overview page. The Mermaid flowchart, the
 * strategy chooser, the link list beside the diagram and the guides' "open in
 * the chooser" links are all derived from this module, so they cannot disagree.
 */

export type QuestionId = 'connects' | 'placement' | 'addressing' | 'router' | 'nginx';

export type OutcomeId =
  | 'node-proxy-daemonset'
  | 'transparent-proxy-sidecar'
  | 'loopback-proxy-sidecar'
  | 'openziti-router'
  | 'nginx-proxy-module'
  | 'ziti-host';

export type NodeId = QuestionId | OutcomeId;

/** Which half of the overview an outcome belongs to; the sidebar groups guides the same way. */
export type Category = 'egress' | 'ingress';

export interface Answer {
  /** Stable id used in the chooser's URL state; never shown. */
  readonly id: string;
  /** The flowchart's edge label and the answer button's accessible name. */
  readonly label: string;
  readonly next: NodeId;
}

export interface Question {
  readonly kind: 'question';
  /** Node id inside the Mermaid source; short letters keep the source readable. */
  readonly mermaidId: string;
  /** As written on the flowchart; also the chooser's fieldset legend. */
  readonly text: string;
  /** Where the flowchart breaks the text into lines. */
  readonly lines: readonly string[];
  /** One sentence that helps a reader answer. */
  readonly hint: string;
  readonly answers: readonly Answer[];
}

export interface Outcome {
  readonly kind: 'outcome';
  readonly mermaidId: string;
  readonly category: Category;
  /** The strategy's name: guide h1, chooser heading and link text. */
  readonly title: string;
  /**
   * The flowchart's node text, line by line (about 24 characters each, or Mermaid wraps them again); it opens
   * with the title, so the chart uses the same name.
   */
  readonly lines: readonly string[];
  /** Path of the guide below the site's baseUrl, without a leading slash. */
  readonly guidePath: string;
  /** Why this outcome fits the answers that lead to it. */
  readonly reason: string;
  /** What a cluster has to grant or provide, as short phrases. */
  readonly needs: {
    readonly privileges: string;
    readonly dns: string;
    readonly storage: string;
  };
}

export type TreeNode = Question | Outcome;

export const ROOT: QuestionId = 'connects';

export const QUESTIONS = {
  connects: {
    kind: 'question',
    mermaidId: 'A',
    text: 'Workload connects to an OpenZiti Service?',
    lines: ['Workload connects to an', 'OpenZiti Service?'],
    hint: 'Yes when the workload dials out to a service on the OpenZiti network; no when OpenZiti clients must reach something running in the cluster.',
    answers: [
      {id: 'yes', label: 'Yes', next: 'placement'},
      {id: 'no', label: 'No', next: 'router'},
    ],
  },
  placement: {
    kind: 'question',
    mermaidId: 'B',
    text: 'Pod sidecar or node DaemonSet?',
    lines: ['Pod sidecar or', 'node DaemonSet?'],
    hint: 'A sidecar serves the one pod it is added to; a DaemonSet serves every pod on the nodes it runs on.',
    answers: [
      {id: 'pod', label: 'Pod', next: 'addressing'},
      {id: 'node', label: 'Node', next: 'node-proxy-daemonset'},
    ],
  },
  addressing: {
    kind: 'question',
    mermaidId: 'G',
    text: 'Workload uses DNS or a static IP to connect to the OpenZiti Service?',
    lines: ['Workload uses DNS or', 'a static IP to connect to', 'the OpenZiti Service?'],
    hint: 'Yes when the application must keep dialling the service by its own name or address; no when it can be pointed at a local port instead.',
    answers: [
      {id: 'yes', label: 'Yes', next: 'transparent-proxy-sidecar'},
      {id: 'no', label: 'No', next: 'loopback-proxy-sidecar'},
    ],
  },
  router: {
    kind: 'question',
    mermaidId: 'K',
    text: 'OpenZiti Router is installed?',
    lines: ['OpenZiti Router', 'is installed?'],
    hint: 'Yes when an OpenZiti router already runs in this cluster, or you are willing to add one.',
    answers: [
      {id: 'yes', label: 'Yes', next: 'openziti-router'},
      {id: 'no', label: 'No', next: 'nginx'},
    ],
  },
  nginx: {
    kind: 'question',
    mermaidId: 'C',
    text: 'NGINX is installed?',
    lines: ['NGINX', 'is installed?'],
    hint: 'Yes when NGINX already fronts your services and you can run an image built with the OpenZiti module.',
    answers: [
      {id: 'yes', label: 'Yes', next: 'nginx-proxy-module'},
      {id: 'no', label: 'No', next: 'ziti-host'},
    ],
  },
} as const satisfies Record<QuestionId, Question>;

export const OUTCOMES = {
  'node-proxy-daemonset': {
    kind: 'outcome',
    mermaidId: 'F',
    category: 'egress',
    title: 'Node Proxy DaemonSet',
    lines: ['Node Proxy DaemonSet', 'gives every pod on', 'selected nodes OpenZiti', 'DNS and access'],
    guidePath: 'egress/node-proxy-daemonset',
    reason:
      'One privileged ziti-edge-tunnel pod per node intercepts OpenZiti traffic for every pod on that node, so no workload manifest changes.',
    needs: {
      privileges: 'privileged container on the host network',
      dns: 'cluster DNS (coredns-custom, the CoreDNS Corefile, kube-dns stub domains, or NodeLocal DNSCache on several nodes) forwards the OpenZiti domain to 100.64.0.2',
      storage: 'a writable volume (ReadWriteOnce on one node, ReadWriteMany across nodes) where ziti-edge-tunnel keeps its renewed certificate, or a read-only Secret without renewal',
    },
  },
  'transparent-proxy-sidecar': {
    kind: 'outcome',
    mermaidId: 'H',
    category: 'egress',
    title: 'Transparent Proxy Sidecar',
    lines: ['Transparent Proxy', 'Sidecar (tproxy) gives', 'the pod DNS and', 'IP interception'],
    guidePath: 'egress/transparent-proxy-sidecar',
    reason:
      'A ziti tunnel tproxy sidecar answers OpenZiti names and intercepts their addresses inside one pod, so the application keeps its URLs.',
    needs: {
      privileges: 'NET_ADMIN in the sidecar, so the namespace needs the privileged Pod Security level (baseline and restricted refuse it)',
      dns: 'dnsPolicy None: 127.0.0.1 first, then the cluster DNS ClusterIP, with search domains listed',
      storage: 'the identity Secret, read-only; ziti tunnel never renews its certificate, so re-enroll within a year',
    },
  },
  'loopback-proxy-sidecar': {
    kind: 'outcome',
    mermaidId: 'I',
    category: 'egress',
    title: 'Loopback Proxy Sidecar',
    lines: ['Loopback Proxy Sidecar', '(TCP proxy) listens on a', 'local port for each', 'OpenZiti Service'],
    guidePath: 'egress/loopback-proxy-sidecar',
    reason:
      'A ziti tunnel proxy sidecar opens one local port per OpenZiti service; the application dials 127.0.0.1 and needs no extra privileges.',
    needs: {
      privileges: 'none beyond an ordinary container',
      dns: 'none: the application connects to 127.0.0.1:<port>',
      storage: 'the identity Secret, read-only; ziti tunnel never renews its certificate, so re-enroll within a year',
    },
  },
  'openziti-router': {
    kind: 'outcome',
    mermaidId: 'J',
    category: 'ingress',
    title: 'OpenZiti Router in Tunnel Mode host',
    lines: ['OpenZiti Router in', 'Tunnel Mode host', 'hosts OpenZiti Services', 'for the cluster'],
    guidePath: 'ingress/openziti-router',
    reason:
      'A router created with tunneling enabled already hosts services in tunnel mode host, so one Helm release covers ingress and the data path.',
    needs: {
      privileges: 'none in host mode (NET_ADMIN only for tproxy mode)',
      dns: 'none: hosted addresses are resolved by cluster DNS',
      storage: 'a 50Mi ReadWriteOnce volume for the enrolled identity; the router renews its certificate in place',
    },
  },
  'nginx-proxy-module': {
    kind: 'outcome',
    mermaidId: 'D',
    category: 'ingress',
    title: 'NGINX Proxy Module',
    lines: ['NGINX Proxy Module', 'hosts OpenZiti Services', 'for the cluster'],
    guidePath: 'ingress/nginx-proxy-module',
    reason:
      'NGINX with ngx_ziti_module binds OpenZiti services and forwards each connection to an upstream in nginx.conf, with no separate tunneler.',
    needs: {
      privileges: 'none beyond an ordinary container',
      dns: 'none: upstreams are resolved by cluster DNS',
      storage: 'the identity Secret, read-only; renewal by the module is unverified, so re-enroll within a year',
    },
  },
  'ziti-host': {
    kind: 'outcome',
    mermaidId: 'E',
    category: 'ingress',
    title: 'ziti-host Reverse Proxy Pod',
    lines: ['ziti-host Reverse', 'Proxy Pod', 'hosts OpenZiti Services', 'for the cluster'],
    guidePath: 'ingress/ziti-host',
    reason:
      'An unprivileged ziti-edge-tunnel run-host Deployment hosts any service whose host.v1 address the pod can reach.',
    needs: {
      privileges: 'none added, but not Pod Security restricted: a root init container, and no seccomp, runAsNonRoot or dropped capabilities',
      dns: 'none: hosted addresses are resolved by cluster DNS',
      storage: 'a 2Gi ReadWriteOnce volume created by the chart, renewed in place (an existing Secret is never renewed)',
    },
  },
} as const satisfies Record<OutcomeId, Outcome>;

export const OUTCOME_IDS = Object.keys(OUTCOMES) as OutcomeId[];
export const QUESTION_IDS = Object.keys(QUESTIONS) as QuestionId[];

export function isOutcomeId(id: string): id is OutcomeId {
  return Object.hasOwn(OUTCOMES, id);
}

export function isQuestionId(id: string): id is QuestionId {
  return Object.hasOwn(QUESTIONS, id);
}

export function getNode(id: NodeId): TreeNode {
  return isOutcomeId(id) ? OUTCOMES[id] : QUESTIONS[id];
}

/** An edge of the flowchart: the answer `answerId` to question `from` leads to `to`. */
export interface Edge {
  readonly from: QuestionId;
  readonly answerId: string;
  readonly label: string;
  readonly to: NodeId;
}

/** Edges in a stable order (depth first from the root), so the chart's source and layout are the same on every build. */
export function listEdges(): Edge[] {
  const edges: Edge[] = [];
  const seen = new Set<NodeId>();
  function visit(id: NodeId): void {
    if (seen.has(id) || isOutcomeId(id)) return;
    seen.add(id);
    const question: Question = QUESTIONS[id];
    for (const answer of question.answers) {
      edges.push({from: id, answerId: answer.id, label: answer.label, to: answer.next});
    }
    for (const answer of question.answers) visit(answer.next);
  }
  visit(ROOT);
  return edges;
}

/** One step of a walk: the question asked and the answer given. */
export interface Step {
  readonly question: QuestionId;
  readonly answerId: string;
}

export interface Walk {
  /** The answered steps, in order. */
  readonly steps: readonly Step[];
  /** The question still open, or the outcome reached. */
  readonly current: NodeId;
}

/**
 * Follows answer ids from the root. Unknown answers stop the walk where they
 * occur, so a hand-edited or stale URL lands on the last valid question instead
 * of an error page.
 */
export function walk(answerIds: readonly string[]): Walk {
  const steps: Step[] = [];
  let current: NodeId = ROOT;
  for (const answerId of answerIds) {
    if (isOutcomeId(current)) break;
    const question: Question = QUESTIONS[current];
    const answer = question.answers.find((a) => a.id === answerId);
    if (!answer) break;
    steps.push({question: current, answerId});
    current = answer.next;
  }
  return {steps, current};
}

/** The answer ids that lead from the root to an outcome (the tree has one path per outcome). */
export function pathTo(outcome: OutcomeId): string[] {
  function search(id: NodeId, trail: string[]): string[] | null {
    if (id === outcome) return trail;
    if (isOutcomeId(id)) return null;
    const question: Question = QUESTIONS[id];
    for (const answer of question.answers) {
      const found = search(answer.next, [...trail, answer.id]);
      if (found) return found;
    }
    return null;
  }
  const found = search(ROOT, []);
  if (!found) throw new Error(`Outcome ${outcome} is not reachable from ${ROOT}`);
  return found;
}

/** Outcomes in the order the overview lists them: egress first, then ingress. */
export function outcomesByCategory(category: Category): OutcomeId[] {
  return OUTCOME_IDS.filter((id) => OUTCOMES[id].category === category);
}
