ñame = 1
变量 = 2
ﬁle = 3
Ω = 4
µ = 5
ℌ = 6
class Café: pass
def naïve(ẋ): return ẋ
