/** A pool's launch template: IMDSv2 with the asked hop limit, encrypted volumes, Bottlerocket's two disks. */
import { describe, expect, it } from "vitest";
import { NodeLaunchTemplate, type NodeLaunchTemplateProps } from "../../../src/constructs/cluster/node-launch-template";
import { only, synthConstruct } from "../synth-construct";

const props = (extra: Partial<NodeLaunchTemplateProps> = {}): NodeLaunchTemplateProps => ({
  name: "team-a-general",
  imageId: "ami-0123456789abcdef0",
  userData: "#!/bin/bash\necho ${endpoint}\n",
  securityGroupIds: ["sg-a"],
  instanceProfileArn: "arn:aws:iam::123456789012:instance-profile/team-a-general",
  amiFamily: "al2023",
  rootVolume: { sizeGiB: 100, type: "gp3" },
  metadataHopLimit: 1,
  instanceTags: { Name: "team-a-general" },
  attachmentTags: { team: "a" },
  ...extra,
});
const template = (p: NodeLaunchTemplateProps) => only(synthConstruct((scope) => new NodeLaunchTemplate(scope, "lt", p)), "aws_launch_template");

describe("NodeLaunchTemplate", () => {
  it("requires IMDSv2 tokens, with the hop limit asked for", () => {
    expect(template(props()).metadata_options).toMatchObject({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(template(props({ metadataHopLimit: 2 })).metadata_options.http_put_response_hop_limit).toBe(2);
  });

  it("encrypts the root volume, deletes it with the instance, and passes IOPS, throughput and key only when given", () => {
    const [plain] = template(props()).block_device_mappings;
    expect(plain).toEqual({ device_name: "/dev/xvda", ebs: { volume_size: 100, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } });
    const [tuned] = template(props({ rootVolume: { sizeGiB: 200, type: "gp3", iops: 6000, throughput: 250, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" } })).block_device_mappings;
    expect(tuned.ebs).toMatchObject({ volume_size: 200, iops: 6000, throughput: 250, kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/k", encrypted: "true" });
  });

  it("gives Bottlerocket a small encrypted OS volume and the asked size on its data volume", () => {
    const maps = template(props({ amiFamily: "bottlerocket", rootVolume: { sizeGiB: 150, type: "gp3", kmsKeyArn: "arn:k" } })).block_device_mappings;
    expect(maps.map((m: { device_name: string }) => m.device_name)).toEqual(["/dev/xvda", "/dev/xvdb"]);
    expect(maps[0].ebs).toMatchObject({ volume_size: 4, encrypted: "true", kms_key_id: "arn:k" });
    expect(maps[1].ebs).toMatchObject({ volume_size: 150, encrypted: "true", kms_key_id: "arn:k" });
  });

  it("keeps one template (new versions, not replacements) and tags what instances create", () => {
    const t = template(props());
    expect(t).toMatchObject({ name: "team-a-general", update_default_version: true, monitoring: { enabled: true } });
    expect(t.key_name).toBeUndefined();
    expect(t.tag_specifications.map((s: { resource_type: string }) => s.resource_type)).toEqual(["instance", "volume", "network-interface"]);
  });

  it("base64-encodes the user data from a local, where only references interpolate", () => {
    const stack = synthConstruct((scope) => new NodeLaunchTemplate(scope, "lt", props()));
    const [local] = Object.entries(stack.locals ?? {});
    expect(local[1]).toBe(props().userData);
    expect(only(stack, "aws_launch_template").user_data).toBe(`\${base64encode(local.${local[0]})}`);
  });
});
