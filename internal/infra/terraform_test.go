package infra

import (
	"testing"
)

func TestParseTerraform(t *testing.T) {
	src := `variable "cidr" { default = "10.0.0.0/8" }
resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", var.cidr]
  }
}
`
	tf := ParseTerraform([]byte(src), "main.tf")
	if len(tf.Errors) > 0 || len(tf.Blocks) != 2 {
		t.Fatalf("got %d blocks, errors %v", len(tf.Blocks), tf.Errors)
	}
	sg := tf.Blocks[1]
	if sg.Type != "resource" || sg.Labels[0] != "aws_security_group" || len(sg.Blocks) != 1 {
		t.Fatalf("got %+v", sg)
	}
	in := sg.Blocks[0]
	if n, ok := in.Attrs["from_port"].Int(); !ok || n != 22 {
		t.Errorf("got from_port %v %v", n, ok)
	}
	cidrs := in.Attrs["cidr_blocks"]
	if s := cidrs.Strings(); len(s) != 1 || s[0] != "0.0.0.0/0" || cidrs.List[1].Known {
		t.Errorf("got cidrs %+v", s)
	}
	if cidrs.List[1].Ref != "var.cidr" {
		t.Errorf("got ref %q, want var.cidr", cidrs.List[1].Ref)
	}
	if cidrs.List[0].Pos.Line != 8 {
		t.Errorf("got line %d, want 8", cidrs.List[0].Pos.Line)
	}
	if bad := ParseTerraform([]byte("resource \"x\" {\n"), "x.tf"); len(bad.Errors) == 0 {
		t.Error("got no error for an unclosed block")
	}
}

func TestParseCloudFormation(t *testing.T) {
	src := `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 0.0.0.0/0
        - CidrIp: !Sub "${Net}/16"
`
	if !IsCloudFormation([]byte(src)) {
		t.Fatal("not recognised")
	}
	cf := ParseCloudFormation([]byte(src))
	if len(cf.Resources) != 1 || cf.Resources[0].Type != "AWS::EC2::SecurityGroup" {
		t.Fatalf("got %+v", cf.Resources)
	}
	p := cf.Resources[0].Props
	if p.Get("VpcId").Known {
		t.Error("!Ref should be unknown")
	}
	in := p.Get("SecurityGroupIngress").List
	if s, _ := in[0].Get("CidrIp").String(); s != "0.0.0.0/0" || in[0].Get("CidrIp").Pos.Line != 11 {
		t.Errorf("got %q", s)
	}
	if n, ok := in[0].Get("FromPort").Int(); !ok || n != 5432 {
		t.Errorf("got %v", n)
	}
	if in[1].Get("CidrIp").Known {
		t.Error("!Sub should be unknown")
	}
	js := `{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": true, "DBName": {"Ref": "Name"}}}}}`
	cf = ParseCloudFormation([]byte(js))
	if len(cf.Resources) != 1 || cf.Resources[0].Props.Get("PubliclyAccessible").Truth() != 1 || cf.Resources[0].Props.Get("DBName").Known {
		t.Errorf("got %+v", cf.Resources)
	}
}

func FuzzParseTerraform(f *testing.F) {
	seeds(f)
	f.Add([]byte("resource \"a\" \"b\" { x = [1, \"0.0.0.0/0\"] \n y { z = true } }"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseTerraform(data, "fuzz.tf")
		ParseCloudFormation(data)
	})
}
