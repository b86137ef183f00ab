/**
 * Prints the overview's Mermaid source as JSON, for the benchmark's baseline
 * site: the same chart, drawn by Docusaurus's stock Mermaid code block.
 */
import {flowchartSource} from '../../src/utils/flowchart';

console.log(JSON.stringify({source: flowchartSource({baseUrl: '/'})}));
