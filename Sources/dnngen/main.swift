import DNNGen
print("dnngen: under construction")
